import type { Guidance } from './guidance.ts'

// The next steps of guidance.ts in Welsh: a first translation, to be reviewed by a fluent
// Welsh-speaking educator with the instrument's texts (docs/instrument.md). Same keys, same order.

export const guidanceCy: Guidance = {
  scales: {
    shared_responsibility: {
      improve: [
        'Modelu: enwch y darnau o waith sy’n cael eu harwain gan staff heb deitl arwain, mewn cyfarfodydd staff ac mewn cylchlythyrau, fel bod arwain yn cael ei weld fel rhywbeth mae llawer o bobl yn ei wneud.',
        'Deialog: gofynnwch i bob tîm pa broblem ar draws yr ysgol yr hoffai fod yn berchen arni eleni, a chytunwch pwy sy’n ei harwain.',
        'Myfyrio: “Ble byddai eich profiad presennol o arweinyddiaeth ddosbarthedig yn ffitio ar y continwwm?” Gofynnwch hyn i bob tîm, nid i’r uwch dîm yn unig.',
      ],
      share: 'Gwahoddwch ysgol bartner i weld sut mae cyfrifoldeb yn cael ei rannu yma: staff yn dysgu oddi wrth ei gilydd drwy rannu arfer effeithiol.',
    },
    shared_power: {
      improve: [
        'Modelu: cyn penderfynu, dangoswch pa benderfyniadau sy’n agored i staff, a newidiwch un oherwydd yr hyn a ddywedodd staff; dywedwch hynny pan fyddwch chi’n gwneud hynny.',
        'Monitro: cadwch gofnod syml o benderfyniadau a phwy fu’n rhan o’u gwneud; adolygwch ef gyda’r staff bob tymor.',
        'Deialog: dewch â phenderfyniadau at y bobl a fydd yn eu cyflawni tra bod modd eu newid o hyd, nid wedyn.',
      ],
      share: 'Disgrifiwch i ysgolion partner sut mae penderfyniadau’n cael eu gwneud yma; disgrifiad clir o’r arfer yw’r hyn sy’n gadael i eraill roi cynnig arno.',
    },
    synergy: {
      improve: [
        'Deialog: crëwch amser rheolaidd i staff mewn rolau gwahanol (athrawon, staff cymorth, arweinwyr canol) gynllunio darn o waith gyda’i gilydd.',
        'Monitro: pan fydd problem yn codi, nodwch pwy a’i datrysodd ac a oedd y person oedd yn gwybod fwyaf yn rhan o hynny, beth bynnag ei rôl.',
        'Ffurfiwch weithgorau traws-swyddogaethol o gwmpas blaenoriaethau’r ysgol yn hytrach nag o gwmpas teitlau swyddi.',
      ],
      share: 'Cynigiwch dimau rolau cymysg o’r ysgol hon i weithio ochr yn ochr ag ysgol bartner ar brosiect ar y cyd.',
    },
    leadership_capacity: {
      improve: [
        'Monitro: lluniwch ddarlun o gryfderau staff o amser mewn dosbarthiadau ac o sgyrsiau, a chyfatebwch ddarnau o arweinyddiaeth iddyn nhw.',
        'Parwch bobl sy’n arwain am y tro cyntaf gyda chydweithiwr profiadol fel hyfforddwr.',
        'Cynlluniwch olyniaeth: ar gyfer pob maes, gofynnwch pwy allai ei gario ymlaen yfory, a rhowch ran go iawn ynddo i’r person hwnnw nawr.',
      ],
      share: 'Agorwch gyfleoedd hyfforddi ac arwain i staff ysgolion partner: mae cronfeydd o dalent yn tyfu ar draws partneriaeth.',
    },
    organisational_learning: {
      improve: [
        'Deialog: crëwch gyfleoedd i athrawon siarad â chydweithwyr am ddysgu ac addysgu; mae disgrifio’r hyn a wnaethoch chi yn gwneud gwybodaeth ddealledig yn eglur.',
        'Modelu: gadewch i uwch arweinwyr ddangos sut maen nhw’n myfyrio ar eu harfer eu hunain, gan gynnwys yr hyn na weithiodd.',
        'Monitro: defnyddiwch ddata cynnydd disgyblion, arolygon ac ymweliadau â dosbarthiadau gyda staff, gan ofyn cwestiynau yn hytrach na rhoi dyfarniadau.',
      ],
      share: 'Cynhaliwch ymholiad ar y cyd ag ysgol bartner: yr un cwestiwn, staff y ddwy ysgol, canfyddiadau a rennir.',
    },
    equitable_climate: {
      improve: [
        'Cynhwyswch ystod ehangach o bobl mewn penderfyniadau sy’n effeithio arnyn nhw; mae ystod ehangach o randdeiliaid yn gwneud penderfyniadau difeddwl neu annheg yn llai tebygol.',
        'Monitro: gwiriwch pwy sy’n cael cyfleoedd i arwain a chydnabyddiaeth ar draws rolau; gweithredwch ar unrhyw grŵp sy’n cael ei adael allan.',
        'Deialog: eglurwch y rhesymau dros benderfyniadau yn agored, gan gynnwys i’r rhai oedd yn anghytuno.',
      ],
      share: 'Rhannwch gydag ysgolion partner sut mae tegwch penderfyniadau’n cael ei wirio yma.',
    },
    democratic_culture: {
      improve: [
        'Modelu: croesawch her i’ch syniadau eich hun yn gyhoeddus, a diolchwch i’r person a’i cododd.',
        'Gofynnwch am y dystiolaeth y tu ôl i newid arfaethedig, pwy bynnag sy’n ei gynnig, a rhannwch yr hyn y mae’n ei ddangos.',
        'Deialog: neilltuwch amser i gwestiynu un drefn sefydledig bob tymor a phenderfynu gyda’ch gilydd a ddylid ei chadw.',
      ],
      share: 'Gwahoddwch ysgolion partner i adolygiad tystiolaeth ar y cyd: mae’n haws cwestiynu sut mae pethau’n cael eu gwneud gyda llygaid o’r tu allan.',
    },
    community_engagement: {
      improve: [
        'Crëwch gyfleoedd i staff weithio gyda chydweithwyr mewn ysgolion eraill y bartneriaeth ar agwedd ar arfer a rennir.',
        'Rhowch lais go iawn i ddisgyblion a theuluoedd mewn un penderfyniad sy’n effeithio arnyn nhw, ac adroddwch yn ôl beth a newidiodd.',
        'Monitro: cynhwyswch arolygon barn rhieni a llais y disgybl ochr yn ochr â data cyrhaeddiad.',
      ],
      share: 'Arweiniwch agwedd ar waith ar draws y bartneriaeth: gellir defnyddio arweinyddiaeth ddosbarthedig ar draws ysgolion yn ogystal ag o’u mewn.',
    },
    coordination: {
      improve: [
        'Gwnewch rolau’n glir: cyhoeddwch pwy sy’n arwain beth, a’i ddiweddaru pan fydd yn newid (Leithwood et al.: mae eglurder am rolau yn hollbwysig).',
        'Sefydlwch strwythurau cyfathrebu rhwng timau: crynodeb byr, rheolaidd o’r hyn mae pob tîm yn gweithio arno.',
        'Clymwch bob darn o waith a arweinir wrth un o flaenoriaethau’r ysgol, fel bod ymdrechion dosbarthedig yn tynnu i’r un cyfeiriad.',
      ],
      share: 'Dangoswch i ysgolion partner y strwythurau sy’n cadw arweinyddiaeth a rennir wedi’i chydlynu yma.',
    },
  },
  flags: {
    silos: [
      'Sefydlwch strwythurau cyfathrebu rhwng grwpiau: cyfnewid rheolaidd, byr o’r hyn mae pob tîm yn ei wneud ac sydd ei angen arno.',
      'Dewch â’r grwpiau y mae eu barn yn gwahaniaethu fwyaf at ei gilydd i drafod y canfyddiadau: “Beth yw agweddau negyddol y ffordd hon o weithio, i chi ac i eraill?”',
      'Ffurfiwch un neu ddau grŵp traws-dîm o gwmpas blaenoriaeth a rennir.',
    ],
    strategic_direction: [
      'Cytunwch ar nifer fach o flaenoriaethau ysgol gyda staff, a chysylltwch bob darn o waith a arweinir ag un ohonyn nhw.',
      'Gwnewch yn glir pwy sy’n arwain beth, a sut mae’r darnau’n ffitio: mae angen cydlynu arweinyddiaeth yn ogystal â’i dosbarthu.',
      'Byddwch yn effro i dimau sy’n gweld eu hunain yn cystadlu; rhowch nodau cyffredin iddyn nhw.',
    ],
    slow_decisions: [
      'Ar gyfer pob penderfyniad, dywedwch pwy sy’n penderfynu, erbyn pryd, a phwy sy’n cael eu hymgynghori: does dim rhaid i ystyried barn olygu aros am bawb.',
      'Dirprwywch benderfyniadau i’r bobl sy’n arwain y gwaith, o fewn terfynau clir.',
      'Adolygwch pa benderfyniadau a arafodd eleni, a pham.',
    ],
  },
}
